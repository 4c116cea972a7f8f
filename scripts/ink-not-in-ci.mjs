// Replaces the `is-in-ci` package inside the bundle. Ink reads it to decide that a CI log, not a
// person, is watching, and then draws only the final frame. ttx starts its TUI only on a terminal
// (play, workshop and resume refuse otherwise; the room draws to each team's SSH terminal), so an
// exported CI=true in the user's shell must not blank the screen: Ink always draws live here.
export default false;
