const { winston, formats } = require('@strapi/logger');

// LOG_LEVEL=warn keeps test output readable; the demo shows http requests.
const level = process.env.LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(formats.levelFilter(level), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
