// Kompetensi ASN — the end of the quiz's form, seen by the parser (a classic script, inlined).
//
// The build inlines this right after the quiz (generator/quiz/page.py), as <script id="kq-bind">,
// before the theme's own scripts. quiz.js is an async module that usually finishes loading
// while the long form is still being parsed; it cannot bind a half-parsed form, so it waits for
// this element, and this script calls it the moment the parser gets here: the form is bound
// before the theme's scripts and DOMContentLoaded. When quiz.js has not run yet, it binds by
// itself as soon as it runs. Inline rather than a file: a file was one more request (a 304
// when cached) that the parser waited for in the middle of the page. Answers given before
// the binding are kept by early.js.

"use strict";

if (window.KompetensiQuiz) window.KompetensiQuiz.scan();
