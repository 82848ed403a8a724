package org.prognos.features.synthetic;

/**
 * The static side of one element: its attributes and the per-element offsets that make two elements of the
 * same type read differently. Drawn from the element's own profile stream, so attributes are known without
 * simulating the history.
 */
record AssetProfile(
        int index,
        String id,
        AssetType type,
        String site,
        double ageYears,
        boolean neverFails,
        double temperatureOffset,
        double biasOffset,
        double powerOffset,
        double snrOffset,
        double fanOffset) {

    static final int PROFILE_STREAM = 0;

    /** The profile of element {@code index} (0-based) with id {@code id}, placed at one of {@code sites} sites. */
    static AssetProfile draw(FleetConfig config, int index, String id, int sites) {
        Draws d = new Draws(Draws.streamSeed(config.seed(), index, PROFILE_STREAM));
        AssetType type = AssetType.draw(d.uniform());
        String site = "site-" + padded(1 + d.below(sites), Math.max(3, digits(sites)));
        double age = Math.round(d.uniform(0.5, 12.0) * 10) / 10.0;
        boolean neverFails = d.chance(config.reliability().neverFailShare());
        return new AssetProfile(index, id, type, site, age, neverFails,
                1.5 * d.gaussian(), 2.0 * d.gaussian(), 0.3 * d.gaussian(), 0.8 * d.gaussian(), 60 * d.gaussian());
    }

    /** {@code v} in decimal, zero-padded to {@code width} digits. */
    static String padded(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    static int digits(int v) {
        return Integer.toString(v).length();
    }
}
