import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts single values for storage (AES-256-GCM, a random IV per value). The stored form is
 * `version (1 byte) | iv (12) | auth tag (16) | ciphertext`; the version lets keys rotate later.
 * Decryption fails loudly on a wrong key or tampered bytes.
 */
export class FieldCipher {
  private readonly key: Buffer;

  /** `key`: 32 bytes, base64 or hex encoded. */
  constructor(key: string) {
    this.key = decodeKey(key);
  }

  encrypt(plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    if (stored[0] !== VERSION) throw new Error(`unknown ciphertext version ${stored[0]}`);
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

function decodeKey(key: string): Buffer {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('an AES-256 key must be 32 bytes (base64 or hex)');
  return bytes;
}
