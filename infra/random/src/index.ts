export { Random, weightedPicker, mix32, fmix32 } from './Random';
