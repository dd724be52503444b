"""The bundled command line's entry point (packaging/clinic-app.spec): `clinic`."""

from clinic_app.cli import main

raise SystemExit(main())
