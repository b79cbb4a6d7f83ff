package dev.lectern.e2e.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, with the few things the web app's tests do on
 * every page: sign in, fill a labelled field, take a screenshot in both languages, run axe-core.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    final ChromeDriver driver;
    private final String base;
    private final Path screenshots;
    private final List<String> violations = new ArrayList<>();
    private int shot;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(String base, Path screenshots) throws IOException {
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
        // This run's pages only: an earlier run's numbering would mix with this one's.
        try (var old = Files.newDirectoryStream(this.screenshots, "*.png")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags infrastructure-notes.md found necessary here: headless as root, no calls to the outside.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("lectern-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String hash) {
        driver.get(base + "/" + hash);
        waitFor(By.cssSelector("main h1"));
    }

    void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
        waitFor(By.cssSelector("main h1"));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** The control of a form field by its API field name (the app derives the id from it). */
    WebElement field(String name) {
        return waitFor(By.id("f-" + name.replaceAll("[^A-Za-z0-9]", "-")));
    }

    void type(String name, String text) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(text);
    }

    void choose(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    /** A button or link whose text (including its visually hidden part) contains the text. */
    WebElement control(String text) {
        return waitFor(By.xpath("//*[self::button or self::a][contains(normalize-space(.), " + literal(text) + ")]"));
    }

    void click(String text) {
        WebElement control = control(text);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(control));
        control.click();
    }

    void clickIn(String containerXpath, String text) {
        driver.findElement(By.xpath(containerXpath + "//button[contains(normalize-space(.), " + literal(text) + ")]")).click();
    }

    void acceptDialog() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static final By SIGN_OUT = By.xpath("//header//button[normalize-space()='Sign out' or normalize-space()='退出登录']");
    private static final By SIGNED_OUT = By.xpath("//header//button[normalize-space()='Sign in' or normalize-space()='登录'"
            + " or normalize-space()='Local sign-in' or normalize-space()='本地登录']");

    /**
     * Signs out from the app's header. With a provider, the app leaves for the provider's end-session page and
     * comes back: this waits until the page it left is gone and the app is back, signed out.
     */
    void signOutIfSignedIn() {
        List<WebElement> out = driver.findElements(SIGN_OUT);
        if (!out.isEmpty()) {
            boolean provider = Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                    "return !!sessionStorage.getItem('lectern.idToken')"));
            // A mark on this document: the page the app comes back to after the provider has none.
            ((JavascriptExecutor) driver).executeScript("window.lecternLeaving = true");
            out.get(0).click();
            if (provider) {
                new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                        .until(d -> !Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.lecternLeaving === true")));
            }
            waitFor(SIGNED_OUT);
        }
    }

    /** The local stack's sign-in: the labelled form that takes a token minted like ./lectern token's. */
    void signInWithToken(String token) {
        open("#/");
        signOutIfSignedIn();
        driver.findElement(By.xpath("//header//button[normalize-space()='Local sign-in' or normalize-space()='本地登录']")).click();
        WebElement area = waitFor(By.id("local-token"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", area, token);
        driver.findElement(By.cssSelector("#local-sign-in button[type=submit]")).click();
        waitFor(SIGN_OUT);
    }

    /**
     * The real sign-in: the header's Sign in, the provider's (Keycloak's) login form, and back in the app with a
     * token. The provider must ask: a session left from the previous user would fail here, not sign them in.
     */
    void signInWithProvider(String issuer, String username, String password) {
        signInWithProvider(issuer, username, password, null);
    }

    /** As above, photographing the provider's filled login form as {@code screenshot} (when not null). */
    void signInWithProvider(String issuer, String username, String password, String screenshot) {
        open("#/");
        signOutIfSignedIn();
        driver.findElement(By.xpath("//header//button[normalize-space()='Sign in' or normalize-space()='登录']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(issuer));
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        if (screenshot != null) {
            screenshot(screenshot);
        }
        driver.findElement(By.id("kc-login")).click();
        waitFor(SIGN_OUT);
    }

    String lang() {
        return (String) ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('lectern.lang') || 'en'");
    }

    void setLang(String lang) {
        if (!lang.equals(lang())) {
            driver.findElement(By.cssSelector("header .tools button")).click();
            waitFor(By.cssSelector("html[lang='" + ("zh".equals(lang) ? "zh-CN" : "en") + "']"));
        }
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Records the page as it is: a screenshot in each language (the current one first, at desk and phone width)
     * and axe-core's serious and critical violations.
     */
    void record(String page) {
        String start = lang();
        for (String lang : List.of(start, "en".equals(start) ? "zh" : "en")) {
            setLang(lang);
            screenshot(page + "-" + lang);
            audit(page + " (" + lang + ")");
        }
        setLang(start);
    }

    void screenshot(String name) {
        shot++;
        try {
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), screenshots.resolve(String.format("%02d-%s.png", shot, name)),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(390, 844));
            file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), screenshots.resolve(String.format("%02d-%s-phone.png", shot, name)),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(1280, 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void audit(String page) {
        Results results = new AxeBuilder().analyze(driver);
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                violations.add(page + ": " + rule.getId() + " (" + rule.getImpact() + ") at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
    }

    List<String> violations() {
        return violations;
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
