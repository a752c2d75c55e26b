import { documentNumberHash, FieldCipher, keyedHash, maskMiddle } from '@vg/crypto';
import { maskIdNumber } from '@vg/standards';

/** Keys protecting personal data at rest (from the environment; see environment.ts). */
export interface PiiKeys {
  /** AES-256 key, 32 bytes base64/hex. */
  encryptionKey: string;
  /** HMAC key for look-up hashes. Shared with services that must match ID numbers (insurance). */
  hashKey: string;
}

/** How a volunteer's ID number and phone are stored: ciphertext plus a keyed hash for look-up. */
export interface ProtectedValue {
  encrypted: Buffer;
  hash: string;
}

/**
 * Encrypts, hashes, reveals and masks volunteers' personal data. Plain values exist only in
 * memory while a request needs them; the database holds ciphertext and keyed hashes.
 */
export class Pii {
  private readonly cipher: FieldCipher;

  constructor(private readonly keys: PiiKeys) {
    this.cipher = new FieldCipher(keys.encryptionKey);
  }

  /** The look-up hash of an ID number (normalised: trimmed, upper-case X). */
  idNumberHash(idNumber: string): string {
    return documentNumberHash(this.keys.hashKey, idNumber);
  }

  /** The look-up hash of a mainland mobile number. */
  phoneHash(phone: string): string {
    return keyedHash(this.keys.hashKey, `phone:${phone.trim()}`);
  }

  protectIdNumber(idNumber: string): ProtectedValue {
    const value = idNumber.trim().toUpperCase();
    return { encrypted: this.cipher.encrypt(value), hash: this.idNumberHash(value) };
  }

  protectPhone(phone: string): ProtectedValue {
    return { encrypted: this.cipher.encrypt(phone.trim()), hash: this.phoneHash(phone) };
  }

  reveal(encrypted: Buffer): string {
    return this.cipher.decrypt(encrypted);
  }
}

/** A volunteer's decrypted personal data, as entitled viewers see it. */
export interface PersonalData {
  idNumber: string;
  phone: string | null;
  /** YYYY-MM-DD, read from the ID number: it is not stored (see docs/personal-data.md). */
  birthDate: string;
}

/** What viewers without the right to the full values see: masks derived in memory, never stored. */
export interface MaskedPersonalData {
  /** `370303********1234` */
  idNumber: string;
  /** `138****5678` */
  phone: string | null;
}

/** The personal data behind a decrypted ID number and phone. */
export function personalData(idNumber: string, phone: string | null): PersonalData {
  return { idNumber, phone, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` };
}

export function maskPersonalData(data: PersonalData): MaskedPersonalData {
  return { idNumber: maskIdNumber(data.idNumber), phone: data.phone ? maskPhone(data.phone) : null };
}

/** `138****5678` */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** `张*`, `欧**`: the first character (the surname, or its first half) kept, for anonymous viewers. */
export function maskName(name: string): string {
  return maskMiddle(name, 1, 0);
}

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
