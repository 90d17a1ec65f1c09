package org.segforge.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * A report folder: text, tables and pictures, written as {@code report.md} and {@code report.html}
 * side by side. Everything is built in a hidden temporary folder next to the target and renamed
 * into place by {@link #publish()}, so an interrupted run leaves no half-written report.
 */
public final class Report implements AutoCloseable {
    private final Path target;
    private final Path work;
    private final String title;
    private final List<String> md = new ArrayList<>();
    private final List<String> html = new ArrayList<>();
    private boolean published;

    public Report(Path target, String title) throws DataException {
        this.target = target.toAbsolutePath().normalize();
        this.title = title;
        try {
            Files.createDirectories(this.target.getParent());
            this.work = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + "-");
            // temporary folders are owner-only; a published report should be readable like any folder
            try {
                Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults apply
            }
        } catch (IOException e) {
            throw new DataException(target, "cannot create the report folder: " + e.getMessage(), e);
        }
        md.add("# " + title + "\n");
    }

    /** Where files for the report are written before publishing. */
    public Path workDir() {
        return work;
    }

    public Report heading(String text) {
        md.add("## " + text + "\n");
        html.add("<h2>" + esc(text) + "</h2>");
        return this;
    }

    public Report paragraph(String text) {
        md.add(text + "\n");
        html.add("<p>" + esc(text) + "</p>");
        return this;
    }

    /** A table; the first row is the header. */
    public Report table(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return this;
        }
        StringBuilder m = new StringBuilder();
        StringBuilder h = new StringBuilder("<table>");
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            m.append("| ").append(String.join(" | ", row)).append(" |\n");
            if (r == 0) {
                m.append("|").append("---|".repeat(row.size())).append('\n');
            }
            h.append("<tr>");
            for (String cell : row) {
                h.append(r == 0 ? "<th>" : "<td>").append(esc(cell)).append(r == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>");
        }
        md.add(m.toString());
        html.add(h.append("</table>").toString());
        return this;
    }

    /** Adds a PNG picture to the report (file name relative to the report folder). */
    public Report picture(String fileName, BufferedImage image, String caption) throws DataException {
        Pictures.writePng(image, work.resolve(fileName));
        return pictureFile(fileName, caption);
    }

    /** Refers to a picture already written into {@link #workDir()}. */
    public Report pictureFile(String fileName, String caption) {
        md.add("![" + caption + "](" + fileName + ")\n\n*" + caption + "*\n");
        html.add("<figure><img src=\"" + esc(fileName) + "\" alt=\"" + esc(caption) + "\"><figcaption>" + esc(caption) + "</figcaption></figure>");
        return this;
    }

    public Report code(String text) {
        md.add("```\n" + text + "\n```\n");
        html.add("<pre>" + esc(text) + "</pre>");
        return this;
    }

    /** Writes the Markdown and HTML files and moves the folder into place (replacing an old one). */
    public Path publish() throws DataException {
        AtomicFiles.writeString(work.resolve("report.md"), String.join("\n", md));
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
            + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}"
            + "img{max-width:100%}figcaption{font-style:italic;color:#555}pre{background:#f4f4f4;padding:.5em}</style>"
            + "</head><body><h1>" + esc(title) + "</h1>\n" + String.join("\n", html) + "\n</body></html>\n";
        AtomicFiles.writeString(work.resolve("report.html"), page);
        try {
            if (Files.exists(target)) {
                AtomicFiles.deleteTreeQuietly(target);
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataException(target, "cannot publish the report: " + e.getMessage(), e);
        }
        published = true;
        return target;
    }

    /** Removes the temporary folder unless the report was published. */
    @Override
    public void close() {
        if (!published) {
            AtomicFiles.deleteTreeQuietly(work);
        }
    }


    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
