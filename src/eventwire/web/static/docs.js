// Starts Swagger UI (from the installed swagger-ui-bundle package) on the OpenAPI document.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({ url: root.dataset.url, dom_id: "#swagger-ui", deepLinking: false });
});
