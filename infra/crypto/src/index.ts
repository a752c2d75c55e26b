export { FieldCipher } from './FieldCipher';
export { keyedHash } from './keyedHash';
export { maskMiddle } from './mask';
