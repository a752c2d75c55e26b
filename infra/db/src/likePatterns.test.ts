import { likeContaining, likePrefix } from './likePatterns';

describe('LIKE patterns', () => {
  it('match user text literally: wildcards and the escape character are escaped', () => {
    expect(likeContaining('100%_好\\')).toBe('%100\\%\\_好\\\\%');
    expect(likePrefix('3703')).toBe('3703%');
    expect(likePrefix('37_')).toBe('37\\_%');
  });
});
