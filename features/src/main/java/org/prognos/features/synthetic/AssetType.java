package org.prognos.features.synthetic;

/**
 * The kinds of network element in a synthetic fleet. The type scales how often each component starts to
 * degrade: optical nodes wear lasers and amplifiers, routers wear fans, CMTS chassis wear power supplies.
 */
public enum AssetType {
    /** A fibre node converting optical to RF: lasers and amplifiers work hardest. */
    OPTICAL_NODE("optical_node", 0.55, 1.5, 0.8, 0.8, 1.5),
    /** A cable modem termination system: a big chassis, power and cooling hungry. */
    CMTS("cmts", 0.20, 0.8, 1.2, 1.6, 1.1),
    /** A router with pluggable optics. */
    ROUTER("router", 0.25, 0.7, 1.5, 1.1, 0.6);

    private final String code;
    private final double share;
    private final double[] hazard;

    AssetType(String code, double share, double laser, double fan, double psu, double amplifier) {
        this.code = code;
        this.share = share;
        this.hazard = new double[] {laser, fan, psu, amplifier};
    }

    /** The value of the {@code type} attribute, e.g. {@code optical_node}. */
    public String code() {
        return code;
    }

    /** Multiplier on the fleet's degradation onset rate for {@code component} on this type of element. */
    public double hazard(Component component) {
        return hazard[component.ordinal()];
    }

    /** The type drawn by the uniform {@code u} in [0, 1), following the fleet mix (55% nodes, 20% CMTS, 25% routers). */
    static AssetType draw(double u) {
        double cumulative = 0;
        for (AssetType t : values()) {
            cumulative += t.share;
            if (u < cumulative) {
                return t;
            }
        }
        return ROUTER;
    }
}
