/** The fleet view's own state (issue 15): which contexts the user opted in, in the order they were opted in. */
export interface FleetState {
  optedIn: string[];
}
