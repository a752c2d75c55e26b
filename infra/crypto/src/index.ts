export { FieldCipher } from './FieldCipher';
export { documentNumberHash, keyedHash } from './keyedHash';
export { maskMiddle } from './mask';
