'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { truncate } = require('../lib');

test('truncate leaves short text alone', () => {
  assert.strictEqual(truncate('hi', 5), 'hi');
});

test('truncate leaves text of exactly max length alone', () => {
  assert.strictEqual(truncate('hello', 5), 'hello');
});

test('truncate cuts long text and adds an ellipsis', () => {
  assert.strictEqual(truncate('hello world', 8), 'hello w…');
});

test('truncate supports a custom ellipsis', () => {
  assert.strictEqual(truncate('hello world', 8, '...'), 'hello...');
});
