// RaidAssess behaviour. Everything works without it; no inline scripts anywhere (CSP).
"use strict";
