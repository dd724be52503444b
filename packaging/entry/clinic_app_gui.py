"""The bundled desktop app's entry point (packaging/clinic-app.spec): `clinic-app`."""

from ui.app import main

raise SystemExit(main())
