// Starts the NHS.UK frontend's components on every page. A file rather than an inline script, so the
// Content-Security-Policy needs no 'unsafe-inline'. The import is relative: it finds the NHS.UK
// frontend beside this file under /static/, whichever name the collected copy of this file has.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
