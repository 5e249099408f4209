"""Write article.schema.json from the model: ``python -m warta.schema``."""

import json
from pathlib import Path

from warta.schema import SCHEMA_FILE, generate

path = Path(__file__).with_name(SCHEMA_FILE)
path.write_text(json.dumps(generate(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {path}")
