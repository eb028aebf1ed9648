package org.metriclab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** A subcommand's {@code --version}: the version the top-level {@code metriclab} command declares, so there is one source. */
final class SuiteVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return MetriclabCommand.class.getAnnotation(Command.class).version();
    }
}
