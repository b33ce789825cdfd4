'use strict';
module.exports = {
  ...require('./truncate'),
  ...require('./slugify'),
  ...require('./wrap'),
};
