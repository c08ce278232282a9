const { winston, formats } = require('@strapi/logger');

// LOG_LEVEL=warn keeps test output readable; the demo shows http requests. The transport's own
// level keeps everything at or above it (formats.levelFilter would keep that level only).
const level = process.env.LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' }),
    }),
  ],
};
