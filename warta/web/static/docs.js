// Starts the vendored Swagger UI on /openapi.json (a file, so the page needs no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
