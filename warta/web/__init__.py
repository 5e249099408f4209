"""The web pages warta serves: server-rendered Jinja2 templates (autoescaped), CSS and a
few lines of script written here, charts drawn as SVG on the server. Works offline."""
