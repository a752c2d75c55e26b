import { z } from 'zod';
import { EnvironmentError, parseEnvironment } from './parseEnvironment';
import { booleanSchema, portSchema } from './schemas';

const schema = z.object({ PORT: portSchema.default(4000), URL: z.url(), FLAG: booleanSchema.default(false) });

describe('parseEnvironment', () => {
  it('parses and applies defaults', () => {
    expect(parseEnvironment(schema, { URL: 'http://x', FLAG: 'yes' }, { exitOnError: false })).toEqual({ PORT: 4000, URL: 'http://x', FLAG: true });
  });

  it('reports every problem at once', () => {
    try {
      parseEnvironment(schema, { PORT: '99999', FLAG: 'maybe' }, { exitOnError: false });
      throw new Error('expected an EnvironmentError');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as EnvironmentError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['FLAG', 'PORT', 'URL']);
    }
  });
});
