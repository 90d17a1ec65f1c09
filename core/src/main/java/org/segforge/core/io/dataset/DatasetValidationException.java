package org.segforge.core.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.segforge.core.DataException;

/**
 * A dataset folder failed validation. Lists every problem found, not only the first, so a user
 * fixes a dataset in one round; {@link #problems()} gives them one by one.
 */
public class DatasetValidationException extends DataException {
    private static final long serialVersionUID = 1L;
    private final transient List<CaseProblem> problems;

    public DatasetValidationException(Path folder, List<CaseProblem> problems) {
        super(folder, summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<CaseProblem> problems() {
        return problems;
    }

    private static String summary(List<CaseProblem> problems) {
        long cases = problems.stream().map(CaseProblem::caseId).filter(c -> !CaseProblem.DATASET.equals(c)).distinct().count();
        return "invalid dataset: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
            + (cases > 0 ? " in " + cases + " case" + (cases == 1 ? "" : "s") : "") + ": "
            + problems.stream().map(CaseProblem::toString).collect(Collectors.joining("; "));
    }
}
