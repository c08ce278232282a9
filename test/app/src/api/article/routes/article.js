// The REST API (/api/articles), so tests publish through its create as a site's own front end would.
const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreRouter('api::article.article');
