package io.denoiser.topics;

import java.util.ArrayList;
import java.util.List;

/** What {@link TopicApplier} did or found, one line per topic. */
public record ApplyReport(List<String> created, List<String> altered, List<String> unchanged, List<String> problems) {

    public ApplyReport {
        created = List.copyOf(created);
        altered = List.copyOf(altered);
        unchanged = List.copyOf(unchanged);
        problems = List.copyOf(problems);
    }

    public boolean changedNothing() {
        return created.isEmpty() && altered.isEmpty();
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        created.forEach(line -> lines.add("created   " + line));
        altered.forEach(line -> lines.add("aligned   " + line));
        unchanged.forEach(line -> lines.add("unchanged " + line));
        problems.forEach(line -> lines.add("PROBLEM   " + line));
        if (changedNothing()) {
            lines.add("nothing to change");
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }
}
