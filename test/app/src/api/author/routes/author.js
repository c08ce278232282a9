// The REST API (/api/authors), so tests publish through its create as a site's own front end would.
const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreRouter('api::author.author');
