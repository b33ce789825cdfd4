import { strict as assert } from 'node:assert';
import { canonicalJson } from '../../../src/runtime/util/canonicalJson';
import { canonicalDigest } from '../../../src/runtime/util/digest';

describe('#canonicalJson', () => {
  describe('when given objects', () => {
    it('sorts keys by UTF-16 code units and drops undefined members', () => {
      assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, '\u20ac': 1, '\r': 2 }), '{"\\r":2,"a":[true,null,"x"],"b":1,"\u20ac":1}');
    });
  });
  describe('when given numbers (RFC 8785 §3.2.2.3 vectors)', () => {
    it('writes ECMAScript shortest forms', () => {
      assert.equal(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.33333329]), '[1e+21,1e-7,0.000001,0,333333333.3333333]');
    });
    it('refuses non-finite numbers', () => {
      assert.throws(() => canonicalJson({ x: Number.NaN }), TypeError);
    });
  });
  describe('when hashing', () => {
    it('gives the same digest regardless of key order', () => {
      assert.equal(canonicalDigest({ a: 1, b: { c: 2, d: 3 } }), canonicalDigest({ b: { d: 3, c: 2 }, a: 1 }));
    });
  });
});
