package io.denoiser.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model files an operator named, by model name: {@code --model-file NAME=FILE} (or
 * {@code DENOISER_MODEL_FILES=NAME=FILE,...}) and each pipeline's {@code modelFile:}. Every file must exist,
 * and a model may be given one file only.
 */
public final class ModelFileList {

    /** Model names as the models topic keys them and {@code train --model-name} writes them. */
    private static final String MODEL_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private ModelFileList() {
    }

    /** @param entries {@code NAME=FILE} texts from the command line or the environment */
    public static Map<String, Path> of(List<String> entries, List<Pipeline> pipelines) {
        Map<String, Path> files = new LinkedHashMap<>();
        // Blank entries (an empty DENOISER_MODEL_FILES, a trailing comma) name nothing.
        for (String entry : entries.stream().filter(e -> !e.isBlank()).toList()) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).trim();
            String file = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (!name.matches(MODEL_NAME) || file.isEmpty()) {
                throw new IllegalArgumentException("--model-file '" + entry + "' is not NAME=FILE, e.g. "
                        + "vibration-lstm=/models/vibration-lstm.dnm");
            }
            add(files, name, Path.of(file), "--model-file " + entry);
        }
        for (Pipeline pipeline : pipelines) {
            if (pipeline.modelFile() != null) {
                add(files, pipeline.modelName(), pipeline.modelFile(), "pipeline " + pipeline.name() + "'s modelFile");
            }
        }
        return files;
    }

    private static void add(Map<String, Path> files, String model, Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": model file " + file + " does not exist");
        }
        Path earlier = files.putIfAbsent(model, file);
        if (earlier != null && !earlier.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(where + ": model " + model + " already has the file " + earlier);
        }
    }
}
