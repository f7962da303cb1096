module.exports = require('./run-tmpdir').teardown;
