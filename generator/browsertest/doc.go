// Package browsertest holds the browser tests of the default theme: it builds
// the demo portal, serves it on 127.0.0.1 and drives Chromium through every
// page type to check accessibility (axe-core, keyboard, focus), the reading
// modes for older readers (适老化), reflow on small screens, page weight, and
// to take the screenshots that the theme is polished against.
//
// The package has no API; everything lives in its tests. Without Chromium the
// browser tests skip, unless CI=true, where they fail.
//
// Screenshots go to <repository>/screenshots, or to $DANGJIAN_SCREENSHOTS.
package browsertest
