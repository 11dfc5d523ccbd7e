// Tests keep Nest's log to warnings and errors (TEST_LOG_LEVEL=log shows everything).
const { Logger } = require('@nestjs/common');

const levels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
Logger.overrideLogger(levels.slice(0, levels.indexOf(process.env.TEST_LOG_LEVEL ?? 'warn') + 1));
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
