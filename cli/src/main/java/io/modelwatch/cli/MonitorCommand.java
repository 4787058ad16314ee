package io.modelwatch.cli;

/** Placeholder entry point; replaced by the picocli command. */
public final class MonitorCommand {
    public static void main(String[] args) {
        System.out.println("modelwatch");
    }
}
