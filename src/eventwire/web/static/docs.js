// Starts Swagger UI (from the installed swagger-ui-bundle package) on the OpenAPI document.
// That Swagger UI (4.x) refuses documents labelled OpenAPI 3.1, which FastAPI writes; it
// renders them well enough, so the label is lowered for display only.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  fetch(root.dataset.url)
    .then((response) => response.json())
    .then((spec) => {
      spec.openapi = "3.0.3";
      window.SwaggerUIBundle({ spec: spec, dom_id: "#swagger-ui", deepLinking: false });
    });
});
