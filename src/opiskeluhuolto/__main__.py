"""``python -m opiskeluhuolto``."""

from opiskeluhuolto.cli import main

raise SystemExit(main())
