'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { slugify } = require('../lib');

test('slugify lower-cases and joins words with dashes', () => {
  assert.strictEqual(slugify('Hello World'), 'hello-world');
});

test('slugify strips accents and punctuation', () => {
  assert.strictEqual(slugify('  Crème brûlée, s\'il vous plaît! '), 'creme-brulee-s-il-vous-plait');
});
