/**
 * When the language server dies: restart it, unless it has already died `maxRestarts` times
 * within `windowMs`; then stop and say so. Time comes in from the caller, so the rule is tested
 * without clocks.
 */
export interface RestartDecision {
    restart: boolean;
    /** For the user: what happened and what to do. */
    message: string;
}

export class RestartPolicy {
    private readonly crashes: number[] = [];

    constructor(readonly maxRestarts = 4, readonly windowMs = 3 * 60_000) {}

    /** The server's connection closed at `now` (ms). */
    onCrash(now: number): RestartDecision {
        this.crashes.push(now);
        while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) {
            this.crashes.shift();
        }
        const n = this.crashes.length;
        const minutes = Math.round(this.windowMs / 60_000);
        if (n <= this.maxRestarts) {
            return {
                restart: true,
                message: `The cowpte language server stopped unexpectedly; restarting it (${n} of ${this.maxRestarts} restarts in ${minutes} minutes).`,
            };
        }
        return {
            restart: false,
            message: `The cowpte language server stopped ${n} times in ${minutes} minutes and will not be restarted. `
                + `See the "cowpte language server" output for the cause, then run "cowpte: Restart Language Server".`,
        };
    }

    /** A fresh start by the user forgets earlier crashes. */
    reset(): void {
        this.crashes.length = 0;
    }
}
