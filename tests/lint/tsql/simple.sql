-- Single-table and one-join SELECTs as people paste them from SSMS, stored
-- procedures and other projects: one statement per line. Each construct of
-- issue 13 appears in the forms the T-SQL documentation gives for it.
-- Plain queries, the way the reference's users write them.
SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient
select ClientID, EnrollID, ClntCaseID from Enrollment where EnrollID in (7, 8) and UpdatedDate > '2024-01-01 00:00:00'
SELECT ScoreTotal, VulnerabilityID FROM VISPDAT where VulnerabilityID in ('101', '102')
select VulnerabilityID, ClientID, CreatedBy, UpdatedDate from VulnerabilityIndex where UpdatedDate > '2024-01-01 00:00:00'
SELECT TOP 25 ClientID, LastName FROM cmClient WHERE LastName LIKE 'Sm%'
SELECT TOP 100 EnrollID, ClientID FROM Enrollment WHERE ExitDate IS NULL
SELECT TOP 100 EnrollID FROM Enrollment WHERE EnrollDate BETWEEN '2024-01-01' AND '2024-12-31'
SELECT TOP 50 c.ClientID, e.EnrollID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 50 c.ClientID, e.EnrollID, e.EnrollDate FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL
SELECT TOP 50 c.ClientID, e.ExitDate FROM cmClient AS c LEFT JOIN Enrollment AS e ON e.ClientID = c.ClientID
SELECT TOP 10 UserID, UserName, Email FROM osUsers WHERE UserName = 'jdoe'
SELECT TOP 500 ClntCaseID, ClientID, CaseMgrID FROM cmCaseAssign WHERE Status = 1 AND EndDate IS NULL
SELECT TOP 500 ClientID FROM cmClient WHERE ClientID > 0 AND ActiveStatus = 1
SELECT TOP 5 ClientID FROM cmClient WHERE City = 'Salt Lake City' AND State = 'UT'
SELECT TOP 100 EnrollID FROM Enrollment WHERE UpdatedDate >= '2024-06-01' ORDER BY UpdatedDate
SELECT TOP 20 a.ClntCaseID, u.UserName FROM cmCaseAssign a JOIN osUsers u ON u.UserID = a.UserID
SELECT ClientID, FirstName FROM cmClient WHERE ClientID = 1001
SELECT TOP 5 [ClientID], [FirstName] FROM [dbo].[cmClient]
SELECT TOP 5 ClientID FROM cmClient WHERE LastName NOT LIKE '%test%'
SELECT TOP 5 ClientID FROM cmClient WHERE HUDRace IN (1, 2, 3) AND VeteranStatus <> 99
-- CAST, TRY_CAST and CONVERT
SELECT TOP 10 CAST(ClientID AS varchar(10)) AS ClientKey FROM cmClient
SELECT TOP 10 ClientID, CAST(UpdatedDate AS date) AS Updated FROM cmClient
SELECT TOP 10 EnrollID FROM Enrollment WHERE CAST(EnrollDate AS date) = '2024-03-01'
SELECT TOP 10 TRY_CAST(ZipCode AS int) AS Zip FROM cmClient
SELECT TOP 10 ClientID, CAST(BudgetAmount AS decimal(10, 2)) AS Budget FROM Enrollment
SELECT TOP 10 ClientID, CAST(Comments AS nvarchar(max)) FROM Enrollment
SELECT TOP 10 CONVERT(varchar(10), EnrollDate, 101) AS EnrollDay FROM Enrollment
SELECT TOP 10 CONVERT(date, UpdatedDate) FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE CONVERT(date, UpdatedDate) >= '2024-01-01'
SELECT TOP 10 CONVERT(int, ZipCode) AS Zip FROM cmClient WHERE ZipCode IS NOT NULL
SELECT TOP 10 TRY_CONVERT(int, ZipCode) FROM cmClient
SELECT TOP 10 CAST(ClientID AS nvarchar(20)) + ' ' + LastName AS Label FROM cmClient
SELECT TOP 10 e.EnrollID, CAST(e.EnrollDate AS datetime2) FROM Enrollment e
SELECT TOP 10 CAST(ActiveStatus AS bit) AS IsActive FROM cmClient
SELECT TOP 10 CAST(NULL AS int) AS Nothing, ClientID FROM cmClient
SELECT TOP 10 CONVERT(nvarchar(30), UpdatedDate, 126) AS Iso FROM cmClient
SELECT TOP 10 EnrollID FROM Enrollment WHERE TRY_CAST(EnrollAssessmentID AS int) > 0
SELECT TOP 10 c.ClientID, CAST(e.ExitDate AS date) FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 CAST(ClientID AS [varchar](12)) FROM cmClient
SELECT TOP 10 CAST(UpdatedDate AS smalldatetime) FROM cmClient
-- CASE, simple and searched
SELECT TOP 10 ClientID, CASE ActiveStatus WHEN 1 THEN 'Active' WHEN 0 THEN 'Inactive' ELSE 'Unknown' END AS Status FROM cmClient
SELECT TOP 10 ClientID, CASE WHEN ExitDate IS NULL THEN 'Open' ELSE 'Closed' END AS EnrollmentState FROM Enrollment
SELECT TOP 10 ClientID, CASE WHEN VeteranStatus = 1 THEN 'Yes' WHEN VeteranStatus = 0 THEN 'No' END FROM cmClient
SELECT TOP 10 EnrollID FROM Enrollment WHERE CASE WHEN ExitDate IS NULL THEN 1 ELSE 0 END = 1
SELECT TOP 10 ClientID, CASE State WHEN 'UT' THEN 'Utah' WHEN 'ID' THEN 'Idaho' END State FROM cmClient
SELECT TOP 10 ClientID, Gender = CASE WHEN HUDRace = 1 THEN 'A' ELSE 'B' END FROM cmClient
SELECT TOP 10 EnrollID, CASE WHEN BudgetAmount > 1000 THEN 'High' WHEN BudgetAmount > 100 THEN 'Medium' ELSE 'Low' END AS Band FROM Enrollment
SELECT TOP 10 c.ClientID, CASE WHEN e.EnrollID IS NULL THEN 0 ELSE 1 END AS Enrolled FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 ClientID FROM cmClient ORDER BY CASE WHEN LastName IS NULL THEN 1 ELSE 0 END, LastName
SELECT TOP 10 ClientID, CASE ActiveStatus WHEN 1 THEN 'A' END FROM cmClient WHERE ClientID > 0
SELECT TOP 10 ClientID, CASE WHEN Email LIKE '%@%' THEN Email ELSE NULL END AS ValidEmail FROM cmClient
SELECT TOP 10 ClientID, CASE WHEN City IS NULL OR City = '' THEN 'n/a' ELSE City END FROM cmClient
SELECT TOP 10 UserID, CASE WHEN CellPhone IS NOT NULL THEN CellPhone ELSE OfficePhone END AS Phone FROM osUsers
SELECT TOP 10 ClntCaseID, CASE Status WHEN 1 THEN 'Open' WHEN 2 THEN 'Closed' ELSE 'Other' END FROM cmCaseAssign
SELECT TOP 10 EnrollID, CASE WHEN ExitDate < EnrollDate THEN 'bad' END AS Check1 FROM Enrollment
-- Window functions
SELECT TOP 10 ClientID, ROW_NUMBER() OVER (ORDER BY UpdatedDate DESC) AS rn FROM cmClient
SELECT TOP 10 EnrollID, ClientID, ROW_NUMBER() OVER (PARTITION BY ClientID ORDER BY EnrollDate DESC) AS rn FROM Enrollment
SELECT TOP 10 EnrollID, RANK() OVER (PARTITION BY ClientID ORDER BY EnrollDate) FROM Enrollment
SELECT TOP 10 EnrollID, DENSE_RANK() OVER (ORDER BY BudgetAmount DESC) AS r FROM Enrollment
SELECT TOP 10 ClientID, COUNT(*) OVER () AS Total FROM cmClient
SELECT TOP 10 ClientID, COUNT(EnrollID) OVER (PARTITION BY ClientID) AS Enrollments FROM Enrollment
SELECT TOP 10 EnrollID, SUM(BudgetAmount) OVER (PARTITION BY ClientID ORDER BY EnrollDate ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS Running FROM Enrollment
SELECT TOP 10 EnrollID, LAG(EnrollDate) OVER (PARTITION BY ClientID ORDER BY EnrollDate) AS PrevEnroll FROM Enrollment
SELECT TOP 10 EnrollID, LEAD(ExitDate, 1) OVER (ORDER BY EnrollDate) FROM Enrollment
SELECT TOP 10 ClientID, NTILE(4) OVER (ORDER BY ClientID) AS Quartile FROM cmClient
SELECT TOP 10 EnrollID, FIRST_VALUE(EnrollDate) OVER (PARTITION BY ClientID ORDER BY EnrollDate) FROM Enrollment
SELECT TOP 10 EnrollID, AVG(BudgetAmount) OVER (PARTITION BY OrgID) AS AvgBudget FROM Enrollment
SELECT TOP 10 c.ClientID, ROW_NUMBER() OVER (PARTITION BY c.ClientID ORDER BY e.EnrollDate DESC) FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 EnrollID, MAX(EnrollDate) OVER (PARTITION BY ClientID) AS LastEnroll FROM Enrollment
SELECT TOP 10 EnrollID, ROW_NUMBER() OVER (PARTITION BY ClientID, OrgID ORDER BY EnrollDate ASC, EnrollID DESC) FROM Enrollment
-- Variables, as in procedures and SSMS scripts
SELECT TOP 100 EnrollID FROM Enrollment WHERE EnrollDate >= @StartDate
SELECT TOP 100 EnrollID FROM Enrollment WHERE EnrollDate BETWEEN @StartDate AND @EndDate
SELECT TOP 100 ClientID, FirstName FROM cmClient WHERE ClientID = @ClientID
SELECT TOP 100 ClientID FROM cmClient WHERE LastName LIKE @LastName + '%'
SELECT TOP 100 ClientID FROM cmClient WHERE OrgID IN (@Org1, @Org2)
SELECT TOP (@PageSize) ClientID FROM cmClient
SELECT TOP @n ClientID FROM cmClient
SELECT TOP 100 ClientID FROM cmClient WHERE UpdatedDate > @LastSync AND ActiveStatus = @Active
SELECT TOP 100 EnrollID FROM Enrollment WHERE ClientID = @id AND ExitDate IS NULL
SELECT TOP 100 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.OrgID = @OrgID
SELECT TOP 10 ClientID, @@ROWCOUNT AS Rows FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE @@ROWCOUNT > 0
SELECT TOP 10 ClientID, @@SERVERNAME FROM cmClient
SELECT TOP 100 EnrollID FROM Enrollment WHERE EnrollDate >= DATEADD(day, -@Days, GETDATE())
SELECT TOP 100 ClientID FROM cmClient WHERE @IncludeInactive = 1 OR ActiveStatus = 1
SELECT TOP 100 ClientID FROM cmClient WHERE ClientID > @lastId ORDER BY ClientID
SELECT TOP 100 UserID FROM osUsers WHERE Email = @email
SELECT TOP 100 ClntCaseID FROM cmCaseAssign WHERE CaseMgrID = @CaseManager AND Status = 1
SELECT TOP 100 EnrollID FROM Enrollment WHERE UpdatedDate > @since
SELECT TOP 100 ClientID FROM cmClient WHERE ZipCode = @zip AND City = @city
-- Table hints
SELECT TOP 10 ClientID FROM cmClient WITH (NOLOCK)
SELECT TOP 10 ClientID FROM cmClient (NOLOCK)
SELECT TOP 10 c.ClientID FROM cmClient c WITH (NOLOCK)
SELECT TOP 10 c.ClientID FROM cmClient AS c WITH (NOLOCK) WHERE c.ActiveStatus = 1
SELECT TOP 10 c.ClientID FROM cmClient c (NOLOCK) WHERE c.ClientID > 0
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c WITH (NOLOCK) JOIN Enrollment e WITH (NOLOCK) ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c (NOLOCK) INNER JOIN Enrollment e (NOLOCK) ON e.ClientID = c.ClientID
SELECT TOP 10 ClientID FROM cmClient WITH (READUNCOMMITTED)
SELECT TOP 10 ClientID FROM cmClient WITH (NOLOCK, NOWAIT)
SELECT TOP 10 ClientID FROM cmClient WITH (INDEX(IX_cmClient_LastName)) WHERE LastName = 'Smith'
SELECT TOP 10 ClientID FROM cmClient WITH (INDEX = IX_cmClient_LastName)
SELECT TOP 10 EnrollID FROM Enrollment WITH (ROWLOCK) WHERE ClientID = 5
SELECT TOP 10 EnrollID FROM dbo.Enrollment WITH (NOLOCK) WHERE ExitDate IS NULL
SELECT TOP 10 ClientID FROM [dbo].[cmClient] WITH (NOLOCK)
SELECT TOP 10 ClientID FROM cmClient WITH (HOLDLOCK)
SELECT TOP 10 ClientID FROM cmClient WITH (UPDLOCK, READPAST)
SELECT TOP 10 e.EnrollID FROM Enrollment e WITH (FORCESEEK) WHERE e.ClientID = 10
SELECT TOP 10 a.ClntCaseID FROM cmCaseAssign a WITH (NOLOCK) LEFT JOIN osUsers u WITH (NOLOCK) ON u.UserID = a.UserID
-- Two- and three-part names
SELECT TOP 10 ClientID FROM dbo.cmClient
SELECT TOP 10 ClientID FROM ClientTrack.dbo.cmClient
SELECT TOP 10 ClientID FROM [ClientTrack].[dbo].[cmClient]
SELECT TOP 10 ClientID FROM ClientTrack..cmClient
SELECT TOP 10 c.ClientID FROM ClientTrack.dbo.cmClient c WHERE c.ActiveStatus = 1
SELECT TOP 10 c.ClientID, e.EnrollID FROM ClientTrack.dbo.cmClient c JOIN ClientTrack.dbo.Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 EnrollID FROM CT_Prod.dbo.Enrollment
SELECT TOP 10 EnrollID FROM CT_Prod.dbo.Enrolment
SELECT TOP 10 UserID FROM ClientTrack.dbo.osUsers WHERE UserName LIKE 'a%'
SELECT TOP 10 cmClient.ClientID FROM dbo.cmClient
SELECT TOP 10 dbo.cmClient.ClientID FROM dbo.cmClient
SELECT TOP 10 c.ClientID FROM dbo.cmClient AS c
SELECT TOP 10 ClientID FROM Reporting.dbo.cmClient WITH (NOLOCK)
SELECT TOP 10 ClntCaseID FROM ClientTrack.dbo.cmCaseAssign WHERE Status = 1
SELECT TOP 10 ScoreTotal FROM ClientTrack..VISPDAT
-- Comma joins (the old join syntax)
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c, Enrollment e WHERE e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c, Enrollment e WHERE e.ClientID = c.ClientID AND e.ExitDate IS NULL
SELECT TOP 10 cmClient.ClientID, Enrollment.EnrollID FROM cmClient, Enrollment WHERE Enrollment.ClientID = cmClient.ClientID
SELECT TOP 10 a.ClntCaseID, u.UserName FROM cmCaseAssign a, osUsers u WHERE u.UserID = a.UserID
SELECT TOP 10 c.ClientID FROM dbo.cmClient c, dbo.Enrollment e WHERE c.ClientID = e.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c WITH (NOLOCK), Enrollment e WITH (NOLOCK) WHERE c.ClientID = e.ClientID
SELECT TOP 10 v.VulnerabilityID, s.ScoreTotal FROM VulnerabilityIndex v, VISPDAT s WHERE s.VulnerabilityID = v.VulnerabilityID
SELECT TOP 10 c.ClientID, e.EnrollDate FROM cmClient AS c, Enrollment AS e WHERE e.ClientID = c.ClientID ORDER BY e.EnrollDate
-- CROSS APPLY and OUTER APPLY
SELECT TOP 10 c.ClientID, x.EnrollID FROM cmClient c CROSS APPLY (SELECT TOP 1 EnrollID FROM Enrollment e WHERE e.ClientID = c.ClientID ORDER BY EnrollDate DESC) x
SELECT TOP 10 c.ClientID, x.EnrollID FROM cmClient c OUTER APPLY (SELECT TOP 1 EnrollID FROM Enrollment e WHERE e.ClientID = c.ClientID) AS x
SELECT TOP 10 c.ClientID, s.value FROM cmClient c CROSS APPLY STRING_SPLIT(c.Email, ';') s
SELECT TOP 10 c.ClientID, j.[key] FROM cmClient c CROSS APPLY OPENJSON(c.Comments) j
SELECT TOP 10 c.ClientID, last.ExitDate FROM cmClient c OUTER APPLY (SELECT MAX(ExitDate) AS ExitDate FROM Enrollment WHERE ClientID = c.ClientID) last
SELECT TOP 10 a.ClntCaseID, m.UserName FROM cmCaseAssign a CROSS APPLY (SELECT UserName FROM osUsers WHERE UserID = a.CaseMgrID) m
SELECT TOP 10 e.EnrollID, v.ScoreTotal FROM Enrollment e OUTER APPLY (SELECT TOP 1 ScoreTotal FROM VISPDAT) v
SELECT TOP 10 c.ClientID FROM cmClient c CROSS APPLY (VALUES (c.HomePhone), (c.WorkPhone)) p(Phone)
-- COLLATE
SELECT TOP 10 ClientID FROM cmClient WHERE LastName COLLATE Latin1_General_CS_AS = 'smith'
SELECT TOP 10 ClientID, LastName COLLATE SQL_Latin1_General_CP1_CI_AS AS LastName FROM cmClient
SELECT TOP 10 ClientID FROM cmClient ORDER BY LastName COLLATE Latin1_General_BIN
SELECT TOP 10 c.ClientID FROM cmClient c JOIN osUsers u ON u.Email COLLATE DATABASE_DEFAULT = c.Email COLLATE DATABASE_DEFAULT
SELECT TOP 10 ClientID FROM cmClient WHERE City COLLATE Latin1_General_CI_AI LIKE 'mont%'
SELECT TOP 10 ClientID FROM cmClient WHERE Email = 'A@B.ORG' COLLATE Latin1_General_CI_AS
-- OPTION (query hints)
SELECT TOP 10 ClientID FROM cmClient OPTION (RECOMPILE)
SELECT TOP 10 ClientID FROM cmClient WHERE LastName = 'Lee' OPTION (MAXDOP 1)
SELECT TOP 10 EnrollID FROM Enrollment WHERE ClientID = @id OPTION (OPTIMIZE FOR UNKNOWN)
SELECT TOP 10 EnrollID FROM Enrollment OPTION (RECOMPILE, MAXDOP 2)
SELECT TOP 10 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID OPTION (HASH JOIN)
SELECT TOP 10 ClientID FROM cmClient OPTION (FAST 10)
SELECT TOP 10 ClientID FROM cmClient ORDER BY ClientID OPTION (OPTIMIZE FOR (@id = 5))
-- FOR XML and FOR JSON
SELECT TOP 10 ClientID, FirstName FROM cmClient FOR JSON PATH
SELECT TOP 10 ClientID, FirstName FROM cmClient FOR JSON AUTO
SELECT TOP 10 ClientID, FirstName FROM cmClient FOR JSON PATH, ROOT('clients')
SELECT TOP 10 ClientID, FirstName FROM cmClient FOR JSON PATH, INCLUDE_NULL_VALUES
SELECT TOP 10 ClientID FROM cmClient FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
SELECT TOP 10 ClientID, FirstName FROM cmClient FOR XML PATH('client'), ROOT('clients')
SELECT TOP 10 ClientID FROM cmClient FOR XML AUTO
SELECT TOP 10 ClientID FROM cmClient FOR XML RAW
SELECT TOP 10 ClientID FROM cmClient FOR XML RAW('row'), ELEMENTS
SELECT TOP 10 ClientID FROM cmClient FOR XML PATH(''), TYPE
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID FOR JSON AUTO
SELECT TOP 10 ClientID FROM cmClient FOR XML EXPLICIT
-- SELECT ALL and SELECT DISTINCT
SELECT ALL TOP 10 ClientID FROM cmClient
SELECT ALL ClientID, LastName FROM cmClient WHERE ClientID < 100
SELECT DISTINCT TOP 10 City FROM cmClient
SELECT DISTINCT City, State FROM cmClient WHERE State = 'UT'
SELECT DISTINCT TOP 100 ClientID FROM Enrollment WHERE ExitDate IS NULL
SELECT DISTINCT c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT DISTINCT TOP 100 City FROM cmClient ORDER BY LastName
SELECT DISTINCT TOP 100 City FROM cmClient ORDER BY City
-- String aliases
SELECT TOP 10 ClientID 'Client Id', FirstName 'First Name' FROM cmClient
SELECT TOP 10 ClientID AS 'Client Id' FROM cmClient
SELECT TOP 10 ClientID AS "Client Id", LastName AS "Last" FROM cmClient
SELECT TOP 10 ClientID "Id" FROM cmClient
SELECT TOP 10 e.EnrollID AS 'Enrollment', e.EnrollDate 'Start' FROM Enrollment e
SELECT TOP 10 c.ClientID 'Client', e.EnrollID 'Enroll' FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 'Client Id' = ClientID FROM cmClient
SELECT TOP 10 [Client Id] = ClientID, [Last Name] = LastName FROM cmClient
SELECT TOP 10 ClientID = ClientID FROM cmClient
SELECT TOP 10 ClientID AS [Client Id] FROM cmClient
SELECT TOP 10 UserName AS 'User Name', Email AS 'E-mail' FROM osUsers
SELECT TOP 10 ClientID AS N'Client' FROM cmClient
-- SELECT ... INTO
SELECT ClientID, LastName INTO #Clients FROM cmClient
SELECT TOP 100 ClientID INTO #tmp FROM cmClient WHERE ActiveStatus = 1
SELECT EnrollID, ClientID INTO ##AllEnrollments FROM Enrollment
SELECT TOP 10 ClientID INTO dbo.ClientBackup FROM cmClient
SELECT c.ClientID, e.EnrollID INTO #Pairs FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 0 ClientID INTO #Empty FROM cmClient
SELECT * INTO #Copy FROM cmClient
-- Derived tables in FROM
SELECT TOP 10 x.ClientID FROM (SELECT ClientID FROM cmClient WHERE ActiveStatus = 1) x
SELECT TOP 10 x.ClientID FROM (SELECT ClientID FROM cmClient) AS x WHERE x.ClientID > 0
SELECT TOP 10 t.ClientID, t.rn FROM (SELECT ClientID, ROW_NUMBER() OVER (ORDER BY ClientID) AS rn FROM cmClient) t WHERE t.rn <= 10
SELECT TOP 10 d.ClientID FROM (SELECT DISTINCT ClientID FROM Enrollment) d
SELECT TOP 10 c.ClientID, x.LastEnroll FROM cmClient c JOIN (SELECT ClientID, MAX(EnrollDate) AS LastEnroll FROM Enrollment GROUP BY ClientID) x ON x.ClientID = c.ClientID
SELECT TOP 10 x.ClientID FROM (SELECT TOP 100 ClientID FROM cmClient ORDER BY UpdatedDate DESC) x
SELECT TOP 10 v.a FROM (VALUES (1), (2)) v(a)
SELECT TOP 10 x.id FROM (SELECT ClientID AS id FROM cmClient) AS x (id)
-- Functions people reach for
SELECT TOP 10 ClientID, ISNULL(Email, '') AS Email FROM cmClient
SELECT TOP 10 ClientID, COALESCE(HomePhone, WorkPhone, MsgPhone) AS Phone FROM cmClient
SELECT TOP 10 EnrollID FROM Enrollment WHERE EnrollDate >= DATEADD(day, -30, GETDATE())
SELECT TOP 10 EnrollID, DATEDIFF(day, EnrollDate, ISNULL(ExitDate, GETDATE())) AS DaysEnrolled FROM Enrollment
SELECT TOP 10 ClientID FROM cmClient WHERE YEAR(UpdatedDate) = 2024
SELECT TOP 10 ClientID, UPPER(LastName) FROM cmClient
SELECT TOP 10 ClientID, LTRIM(RTRIM(FirstName)) AS FirstName FROM cmClient
SELECT TOP 10 ClientID, LEFT(ZipCode, 5) FROM cmClient
SELECT TOP 10 ClientID, FirstName + ' ' + LastName AS FullName FROM cmClient
SELECT TOP 10 ClientID, CONCAT(FirstName, ' ', LastName) FROM cmClient
SELECT TOP 10 ClientID, IIF(ActiveStatus = 1, 'Y', 'N') AS Active FROM cmClient
SELECT TOP 10 ClientID, FORMAT(UpdatedDate, 'yyyy-MM-dd') FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE LEN(ZipCode) <> 5
SELECT TOP 10 ClientID FROM cmClient WHERE UpdatedDate > GETDATE() - 7
SELECT TOP 10 ClientID FROM cmClient WHERE DATEPART(year, UpdatedDate) = 2024
SELECT TOP 10 EnrollID FROM Enrollment WHERE EnrollDate >= DATEADD(month, DATEDIFF(month, 0, GETDATE()), 0)
SELECT TOP 10 ClientID, NULLIF(Email, '') FROM cmClient
SELECT TOP 10 ClientID, SUBSTRING(LastName, 1, 3) FROM cmClient
SELECT TOP 10 ClientID, REPLACE(HomePhone, '-', '') FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE CHARINDEX('@', Email) = 0
SELECT TOP 10 EnrollID, EOMONTH(EnrollDate) FROM Enrollment
SELECT TOP 10 ClientID, SYSDATETIME() FROM cmClient
SELECT TOP 10 ClientID, CURRENT_TIMESTAMP FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE UpdatedDate >= CAST(GETDATE() AS date)
SELECT TOP 10 COUNT(*) FROM cmClient
SELECT TOP 10 ClientID, NEWID() FROM cmClient ORDER BY NEWID()
-- Other T-SQL forms seen in pasted queries
SELECT TOP 10 PERCENT ClientID FROM cmClient
SELECT TOP (10) ClientID FROM cmClient
SELECT TOP 10 WITH TIES ClientID FROM cmClient ORDER BY UpdatedDate
SELECT TOP 10 ClientID FROM cmClient ORDER BY ClientID OFFSET 10 ROWS FETCH NEXT 10 ROWS ONLY
SELECT TOP 10 ClientID FROM cmClient WHERE LastName = N'Müller'
SELECT TOP 10 ClientID FROM cmClient WHERE LastName LIKE '100!%%' ESCAPE '!'
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID != 0
SELECT TOP 10 ClientID FROM cmClient WHERE NOT ActiveStatus = 0
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = 0x1F
SELECT TOP 10 ClientID FROM cmClient WHERE ZipCode = $100
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (SELECT ClientID FROM Enrollment)
SELECT TOP 10 ClientID FROM cmClient WHERE EXISTS (SELECT 1 FROM Enrollment e WHERE e.ClientID = cmClient.ClientID)
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = (SELECT MAX(ClientID) FROM cmClient)
SELECT TOP 10 ClientID, (SELECT COUNT(*) FROM Enrollment e WHERE e.ClientID = c.ClientID) AS n FROM cmClient c
SELECT TOP 10 c.ClientID FROM cmClient c CROSS JOIN osUsers u
SELECT TOP 10 c.ClientID FROM cmClient c FULL OUTER JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c RIGHT OUTER JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c LEFT OUTER JOIN Enrollment e ON e.ClientID = c.ClientID AND e.ExitDate IS NULL
SELECT TOP 10 c.ClientID FROM cmClient c INNER HASH JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c INNER LOOP JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 ClientID FROM cmClient TABLESAMPLE (10 PERCENT)
SELECT TOP 10 ClientID FROM cmClient WHERE CONTAINS(LastName, 'smith')
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID BETWEEN 1 AND 100 AND LastName IS NOT NULL
SELECT TOP 10 ClientID, $IDENTITY FROM cmClient
SELECT TOP 10 ClientID FROM cmClient c WHERE c.ClientID = ANY (SELECT ClientID FROM Enrollment)
SELECT TOP 10 ClientID FROM cmClient GROUP BY ClientID HAVING COUNT(*) > 1
SELECT TOP 10 ClientID FROM cmClient ORDER BY 1
SELECT TOP 10 ClientID FROM cmClient ORDER BY ClientID DESC, LastName ASC
SELECT TOP 10 ClientID FROM cmClient;
SELECT TOP 10 ClientID FROM cmClient -- trailing comment
SELECT TOP 10 /* the id */ ClientID FROM cmClient
SELECT TOP 10 [Order], [Group] FROM cmClient
SELECT TOP 10 User FROM osUsers
SELECT TOP 10 ClientID FROM @Clients
SELECT TOP 10 ClientID FROM cmClient JOIN Enrollment
-- More of what ClientTrack users write against cmClient, Enrollment, cmCaseAssign
SELECT TOP 500 ClientID, FirstName, LastName, Address, City, State, ZipCode FROM cmClient WHERE UpdatedDate > '2024-05-01'
SELECT TOP 500 EnrollID, ClientID, EnrollDate, ExitDate, ExitReason FROM Enrollment WHERE UpdatedDate > '2024-05-01 00:00:00'
SELECT TOP 500 ClntCaseID, ClientID, UserID, ProgID, BeginDate, EndDate FROM cmCaseAssign WHERE UpdatedDate > '2024-05-01'
SELECT TOP 500 c.ClientID, c.LastName, a.CaseMgrName FROM cmClient c JOIN cmCaseAssign a ON a.ClientID = c.ClientID WHERE a.Status = 1
SELECT TOP 500 EnrollID FROM Enrollment WHERE OrgID = 12 AND RestrictOrg = 0
SELECT TOP 500 EnrollID, PrimaryHousingID FROM Enrollment WHERE PrimaryHousingID IS NOT NULL AND ExitDate IS NULL
SELECT TOP 200 ClientID, SSNQuality, NameQuality, BirthDateQuality FROM cmClient WHERE SSNQuality IN (8, 9, 99)
SELECT TOP 200 ClientID FROM cmClient WHERE DisablingCondition = 1 AND VeteranStatus = 1
SELECT TOP 200 EnrollID, ExitDestination FROM Enrollment WHERE ExitDate BETWEEN '2024-01-01' AND '2024-03-31'
SELECT TOP 200 EnrollID FROM Enrollment WHERE ExitReasonOther LIKE '%moved%'
SELECT TOP 100 e.EnrollID, c.FirstName, c.LastName FROM Enrollment e JOIN cmClient c ON c.ClientID = e.ClientID WHERE e.EnrollDate >= '2024-01-01'
SELECT TOP 100 ClientID FROM cmClient WHERE Email IS NULL OR Email = ''
SELECT TOP 100 UserID, UserName FROM osUsers WHERE OfficePhone LIKE '801%'
SELECT TOP 100 EnrollID FROM Enrollment WHERE HoldOpen = 1
SELECT TOP 100 EnrollID FROM Enrollment WHERE PlannedExitDate < '2024-12-31' AND ExitDate IS NULL
SELECT TOP 100 VulnerabilityID, ClientID FROM VulnerabilityIndex WHERE ClientID IN (101, 102, 103)
SELECT TOP 100 ClientID FROM cmClient WHERE ClientID NOT IN (0)
SELECT TOP 100 a.ClntCaseID, a.RoleID FROM cmCaseAssign a WHERE a.ActiveStatus = 1 AND a.RegionID = 3
SELECT TOP 100 EnrollID, EngagementDate FROM Enrollment WHERE EngagementDate IS NOT NULL
SELECT TOP 100 c.ClientID, e.ExitDestination FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDestination IN (1, 2, 3)
SELECT TOP 100 c.ClientID FROM cmClient c WITH (NOLOCK) WHERE c.UpdatedDate >= @since AND c.ActiveStatus = 1 ORDER BY c.UpdatedDate
SELECT TOP 100 e.EnrollID, CONVERT(varchar(10), e.EnrollDate, 120) AS EnrollDate FROM dbo.Enrollment e (NOLOCK) WHERE e.ClientID = @ClientID
SELECT TOP 100 c.ClientID, CASE WHEN c.VeteranStatus = 1 THEN 'Veteran' ELSE '' END AS 'Veteran' FROM ClientTrack.dbo.cmClient c
SELECT TOP 100 ClientID AS 'ID', LastName + ', ' + FirstName AS 'Name' FROM cmClient WITH (NOLOCK) ORDER BY LastName
SELECT TOP 100 e.EnrollID, DATEDIFF(day, e.EnrollDate, GETDATE()) AS 'Days' FROM Enrollment e WHERE e.ExitDate IS NULL FOR JSON PATH
SELECT TOP 100 ClientID, ROW_NUMBER() OVER (ORDER BY LastName) AS 'Row' FROM cmClient WHERE ActiveStatus = @active
SELECT TOP 100 ClientID FROM dbo.cmClient WITH (NOLOCK) WHERE LastName COLLATE Latin1_General_CS_AS LIKE @pattern OPTION (RECOMPILE)
-- Column names of three and four parts (SSMS's scripting writes them)
SELECT TOP 10 dbo.cmClient.ClientID, dbo.cmClient.LastName FROM dbo.cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE dbo.cmClient.ActiveStatus = 1
SELECT TOP 10 ClientTrack.dbo.cmClient.ClientID FROM ClientTrack.dbo.cmClient
SELECT TOP 10 dbo.c.ClientID FROM cmClient c
SELECT TOP 10 [dbo].[cmClient].[ClientID] FROM [dbo].[cmClient] ORDER BY [dbo].[cmClient].[ClientID]
-- Join hints: { INNER | { LEFT | RIGHT | FULL } [ OUTER ] } { LOOP | HASH | MERGE | REMOTE } JOIN
SELECT TOP 10 c.ClientID FROM cmClient c INNER MERGE JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID, e.EnrollID FROM cmClient c LEFT OUTER HASH JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c LEFT LOOP JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c INNER REMOTE JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c RIGHT OUTER MERGE JOIN Enrollment e ON e.ClientID = c.ClientID
SELECT TOP 10 c.ClientID FROM cmClient c FULL HASH JOIN Enrollment e ON e.ClientID = c.ClientID
-- Table-valued functions in FROM and APPLY: STRING_SPLIT ( string , separator [ , enable_ordinal ] ), OPENJSON ( jsonExpression [ , path ] )
SELECT TOP 10 value FROM STRING_SPLIT('UT,ID,NV', ',')
SELECT TOP 10 s.value, s.ordinal FROM STRING_SPLIT('a;b;c', ';', 1) AS s
SELECT TOP 10 c.ClientID, s.value FROM cmClient c OUTER APPLY STRING_SPLIT(c.HomePhone, '-') AS s
SELECT TOP 10 j.[key], j.value FROM OPENJSON('{"a": 1}') j
SELECT TOP 10 c.ClientID, j.value FROM cmClient c CROSS APPLY OPENJSON(c.Comments, '$.phones') AS j
SELECT TOP 10 c.ClientID FROM cmClient c JOIN STRING_SPLIT('1,2,3', ',') s ON s.value = c.ClientID
-- Derived tables with column names: derived_table [ AS ] table_alias [ ( column_alias [ ,...n ] ) ]
SELECT TOP 10 x.id, x.name FROM (SELECT ClientID, LastName FROM cmClient) x (id, name)
SELECT TOP 10 t.[Client Id] FROM (SELECT ClientID FROM cmClient WHERE ActiveStatus = 1) AS t ([Client Id])
