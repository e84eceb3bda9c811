package dev.cowpte.run;

import dev.cowpte.lang.check.KernelProfile;
import dev.cowpte.lang.check.KernelProfile.Behaviour;
import dev.cowpte.mm.KernelRules;
import dev.cowpte.mm.MachineConfig;

/**
 * What {@code machine kernel VERSION} does to the simulated machine: the simulator's rules where
 * versions differ (fork batching, COW reuse of large folios, the write to the huge zero page),
 * and the version's default of {@code CONFIG_PT_RECLAIM} unless the scenario set pt-reclaim itself.
 */
final class ProfileRules {
    private ProfileRules() {
    }

    static KernelRules rules(KernelProfile p) {
        return new KernelRules(p.has(Behaviour.FORK_BATCHING), p.has(Behaviour.LARGE_FOLIO_COW_REUSE),
                p.has(Behaviour.HUGE_ZERO_WRITE));
    }

    static MachineConfig apply(KernelProfile p, MachineConfig config, boolean ptReclaimSet) {
        MachineConfig c = config.withRules(rules(p));
        return ptReclaimSet ? c : c.withPtReclaim(p.has(Behaviour.PT_RECLAIM));
    }
}
