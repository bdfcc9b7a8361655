// Starts Swagger UI on /developers with the portal's OpenAPI document (a file, not an inline
// script, so the page's content security policy needs no exception).
window.SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#api-reference",
  deepLinking: true,
  defaultModelsExpandDepth: 0,
  validatorUrl: null,
});
