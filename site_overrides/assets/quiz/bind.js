// Kompetensi ASN — the end of the quiz's form, seen by the parser (a classic script).
//
// The page places this right after the quiz, before the theme's own scripts. quiz.js is an
// async module that usually finishes loading while the long form is still being parsed; it
// cannot bind a half-parsed form, so it waits for this script, which runs the moment the
// parser gets here: the form is bound before the theme's scripts and DOMContentLoaded. When
// quiz.js is not loaded yet, it binds by itself as soon as it runs. Answers given before the
// binding are kept by early.js, inline at the top of the quiz.
//
// A file, not inline: the parser stops here for it (a 304 when cached), and Chromium runs the
// loaded async quiz.js in that stop, so it binds at once. Inlined (tried 2026-11-28), it ran
// without a stop, and the binding came later in 3 of 4 interleaved comparisons.

"use strict";

if (window.KompetensiQuiz) window.KompetensiQuiz.scan();
