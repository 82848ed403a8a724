// The /docs page: Swagger UI over the service's own /openapi.json. "Authorize" takes an API key (sent as
// "Authorization: Bearer <key>" by every "Try it out" call); nothing is fetched from outside the service.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    deepLinking: false,
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    onComplete: function () {
      // problem type URIs are /docs#problem-<slug>: the table is below the operations, which render after load
      if (location.hash.indexOf('#problem-') === 0) {
        var row = document.getElementById(location.hash.substring(1));
        if (row) {
          row.scrollIntoView();
        }
      }
      document.body.setAttribute('data-api-rendered', 'true');
    }
  });
});
