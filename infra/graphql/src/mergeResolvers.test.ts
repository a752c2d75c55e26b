import { mergeResolvers } from './mergeResolvers';

describe('mergeResolvers', () => {
  it('merges type by type and refuses a field resolved twice', () => {
    const a = () => 'a';
    const b = () => 'b';
    expect(mergeResolvers<Record<string, object>>({ Query: { a } }, { Query: { b }, Team: { b } })).toEqual({ Query: { a, b }, Team: { b } });
    expect(() => mergeResolvers<Record<string, object>>({ Query: { a } }, { Query: { a: b } })).toThrow('Query.a is resolved twice');
  });
});
