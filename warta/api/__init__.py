"""The HTTP API: ``app.create_app`` builds the ASGI app ``warta serve`` runs; one router
module per resource."""
