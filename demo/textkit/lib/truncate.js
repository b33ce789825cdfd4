'use strict';

/**
 * Shortens `text` to at most `max` characters, ending with `ellipsis` when it was cut.
 * Text that already fits is returned unchanged.
 */
function truncate(text, max, ellipsis = '…') {
  if (typeof text !== 'string') throw new TypeError('truncate: text must be a string');
  if (text.length < max) return text;
  const keep = Math.max(0, max - ellipsis.length);
  return text.slice(0, keep) + ellipsis;
}

module.exports = { truncate };
