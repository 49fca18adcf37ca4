; Inno Setup 6 script of the Windows installer: dist\movement-desk-setup-VERSION.exe.
; Build the bundle first (packaging\windows\README.md), then:  iscc packaging\windows\movement-desk.iss
; Per-user install with no administrator rights, Start-menu and desktop shortcuts, and an
; uninstaller that removes the program but never the data folder %LOCALAPPDATA%\movement_desk\.
; scripts/check-installer-script checks that every file named here is in the bundle.

#define AppName "Phong trào Toàn dân bảo vệ ANTQ"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "movement-desk.exe"
#define CliExe "movement-desk-cli.exe"
#define BundleDir "..\..\dist\movement-desk"
#define GuidePdf "_internal\movement_desk\resources\guide\huong-dan-su-dung.pdf"

[Setup]
AppId={{6F1D2A7C-3B9E-4E52-9C1A-5D8B7E2F4A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Phong trào Toàn dân bảo vệ an ninh Tổ quốc
; Per user, no administrator: {autopf} is %LOCALAPPDATA%\Programs with PrivilegesRequired=lowest.
PrivilegesRequired=lowest
DefaultDirName={autopf}\movement-desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
OutputDir=..\..\dist
OutputBaseFilename=movement-desk-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\movement-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
; Vietnamese.isl is one of Inno Setup's contributed translations (not in its default install):
; put it beside this file (README.md) and the wizard speaks Vietnamese; English otherwise.
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng ngoài màn hình"; GroupDescription: "Biểu tượng:"

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\Hướng dẫn sử dụng"; Filename: "{app}\{#GuidePdf}"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở chương trình ngay"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The program's folder only. The data (databases, backups, drafts, log) live in
; %LOCALAPPDATA%\movement_desk\ (or wherever --db points) and are never removed.
Type: filesandordirs; Name: "{app}\_internal"
