package org.segforge.cli.demo;

import org.segforge.cli.report.Report;
import org.segforge.core.DataException;

/** One part of the demo: computes something on the demo data and adds it to the report. */
public interface DemoSection {
    /** Short name shown while the section runs. */
    String name();

    void run(DemoContext context, Report report) throws DataException;
}
