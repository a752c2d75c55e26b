import { FieldCipher, keyedHash, maskMiddle } from '@vg/crypto';

/** Keys protecting residents' contact data at rest. */
export interface ContactKeys {
  encryptionKey: string;
  hashKey: string;
}

/**
 * Residents' phone numbers (encrypted, shown masked) and the tracking codes anonymous residents
 * receive once (only a keyed hash is stored).
 */
export class ContactCipher {
  private readonly cipher: FieldCipher;

  constructor(private readonly keys: ContactKeys) {
    this.cipher = new FieldCipher(keys.encryptionKey);
  }

  encryptPhone(phone: string): Buffer {
    return this.cipher.encrypt(phone);
  }

  revealPhone(encrypted: Buffer): string {
    return this.cipher.decrypt(encrypted);
  }

  maskPhone(phone: string): string {
    return maskMiddle(phone, 3, 4);
  }

  trackingCodeHash(code: string): string {
    return keyedHash(this.keys.hashKey, `tracking:${code.trim().toUpperCase()}`);
  }
}
