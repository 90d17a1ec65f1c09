package org.segforge.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the code that is running — release version, commit and whether the tree had
 * uncommitted changes — as recorded by the build. Goes into every artefact's provenance.
 */
public record CodeVersion(String version, String commit, boolean dirty) {
    private static final CodeVersion CURRENT = load();

    public static CodeVersion current() {
        return CURRENT;
    }

    /** e.g. {@code 0.1.0-SNAPSHOT+91559e5-dirty}. */
    @Override
    public String toString() {
        return version + "+" + commit + (dirty ? "-dirty" : "");
    }

    private static CodeVersion load() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("segforge-git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is reported as an unknown commit below
        }
        return new CodeVersion(
            p.getProperty("git.build.version", "unknown"),
            p.getProperty("git.commit.id.abbrev", "unknown"),
            Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }
}
