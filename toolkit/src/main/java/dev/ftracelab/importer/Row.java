package dev.ftracelab.importer;

/**
 * One imported row before the dataset is assembled. Text fields are null where the input did not
 * say (the importer fills them from its options or defaults); {@code flags} is the sample's
 * non-default settings as a name suffix ("" or e.g. "+save-regs").
 */
record Row(String dataset, String arch, String platform, String variant, String flags, int relevant, int irrelevant,
        int calls, Long totalNs, double perCallNs, Double overheadNs, Integer runs, Double perCallMinNs,
        Double perCallMaxNs, String kernel, String source, int line) {

    Row withNames(String dataset, String arch, String platform, String variant, String kernel) {
        return new Row(dataset, arch, platform, variant, flags, relevant, irrelevant, calls, totalNs, perCallNs,
                overheadNs, runs, perCallMinNs, perCallMaxNs, kernel, source, line);
    }

    Row withOverhead(Double overhead) {
        return new Row(dataset, arch, platform, variant, flags, relevant, irrelevant, calls, totalNs, perCallNs,
                overhead, runs, perCallMinNs, perCallMaxNs, kernel, source, line);
    }
}
