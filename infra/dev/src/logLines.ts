const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** One log line for humans: pino JSON shortened to "LEVEL message key=value", other text as is. */
export function humanLine(line: string): string {
  try {
    const parsed = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) return line;
    const { level, msg, time: _t, pid: _p, hostname: _h, service: _s, name: _n, ...rest } = parsed;
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${LEVELS[level] ?? level} ${msg ?? ''}${extra ? `  ${extra}` : ''}`;
  } catch {
    return line;
  }
}
